/**
 * The environment of the Gatehouse bench process: the local runtime with a throwaway in-memory store
 * on free ports, whatever this shell points Gatehouse at otherwise. The log level stays at its
 * default (info: one JSON line per request, as on Lambda), written to a file. The local events
 * pipeline is off (GATEHOUSE_LOCAL_EVENTS=0): the bench realm stores no events, and DynamoDB Local's
 * stream would slow every write as the load runs pile up its records, which DynamoDB on AWS does not.
 */
export function gatehouseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('GATEHOUSE_')) env[name] = value;
  return { ...env, GATEHOUSE_IN_MEMORY: '1', GATEHOUSE_LOCAL_EVENTS: '0', GATEHOUSE_PORT: '0', GATEHOUSE_SES_PORT: '0', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
}
