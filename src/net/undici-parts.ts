/**
 * The three parts of undici the guard needs: Agent, buildConnector and the request API. Imported by
 * path because undici's index also loads fetch, WebSocket and the cache stores: measured here, a cold
 * bundle that imports the index takes ~100-130 ms to load, these three parts ~57 ms.
 */
import type { Agent as AgentClass, buildConnector as BuildConnector, Dispatcher } from 'undici';
import requestImpl from 'undici/lib/api/api-request.js';
import connectorImpl from 'undici/lib/core/connect.js';
import AgentImpl from 'undici/lib/dispatcher/agent.js';

export type Agent = AgentClass;
export type Connector = BuildConnector.connector;
export type ResponseData = Dispatcher.ResponseData;
export type RequestOptions = Dispatcher.RequestOptions;

export const Agent = AgentImpl as unknown as typeof AgentClass;
export const buildConnector = connectorImpl as unknown as typeof BuildConnector;

/** Dispatcher.request, called on one agent (the index would mix it into every dispatcher). */
export function dispatchRequest(agent: AgentClass, options: RequestOptions): Promise<ResponseData> {
  return (requestImpl as (this: AgentClass, o: RequestOptions) => Promise<ResponseData>).call(agent, options);
}
