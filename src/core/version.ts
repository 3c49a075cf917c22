/** The package version, set by the build (scripts/build.mjs); code run from source says 0.0.0-dev. */
declare const BUTTONS_VERSION: string | undefined;
export const VERSION = typeof BUTTONS_VERSION === 'string' ? BUTTONS_VERSION : '0.0.0-dev';
