// Deep undici modules have no typings of their own; undici-parts.ts gives them the index's types.
declare module 'undici/lib/dispatcher/agent.js' {
  const Agent: unknown;
  export default Agent;
}
declare module 'undici/lib/core/connect.js' {
  const buildConnector: unknown;
  export default buildConnector;
}
declare module 'undici/lib/api/api-request.js' {
  const request: unknown;
  export default request;
}
