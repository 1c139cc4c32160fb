// A fresh Node process standing in for a Lambda cold start: import the bundle (Lambda's INIT phase),
// then hand it one prepared API Gateway v2 event (the first invocation). Plain JavaScript, no loader,
// so nothing but the bundle is measured. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const bootMs = performance.now();
const [bundle, eventFile] = process.argv.slice(2);
const event = eventFile ? JSON.parse(readFileSync(eventFile, 'utf8')) : undefined;
const context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'cold-init-probe',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:cold-init-probe',
  memoryLimitInMB: '1024',
  awsRequestId: 'cold-init-probe',
  logGroupName: '/aws/lambda/cold-init-probe',
  logStreamName: 'probe',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};
const importStart = performance.now();
const module = await import(pathToFileURL(bundle).href);
const importMs = performance.now() - importStart;
let invokeMs = null;
let status = null;
if (event) {
  const invokeStart = performance.now();
  const result = await module.handler(event, context);
  invokeMs = performance.now() - invokeStart;
  status = result?.statusCode ?? null;
}
process.stdout.write(`${JSON.stringify({ probe: true, bootMs, importMs, invokeMs, status })}\n`);
process.exit(0);
