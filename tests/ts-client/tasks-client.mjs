// Drives the server's 2025-11-25 experimental tasks with the TypeScript MCP SDK's own client
// (client.experimental.tasks), over Streamable HTTP. Node 20, no build step. Prints TAP; exits non-zero on failure.
//
// Environment:
//   MCP_URL                 the MCP endpoint, e.g. http://127.0.0.1:7071/mcp (loopback only)
//   MCP_TOKEN               bearer token of the caller (Identity:Mode DevToken)
//   MCP_OTHER_TOKEN         optional: a second caller, who must not see the first one's tasks
//   MCP_REVIEW_CONTAINER    blob container whose inbox/ documents classify_documents asks about (reviewBelow 0.99)
//   MCP_LIST_PAGE_SIZE      the server's McpTasks:ListPageSize (so the paging scenario makes enough tasks)
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';

const url = new URL(requireEnv('MCP_URL'));
if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
  throw new Error(`MCP_URL must be a loopback address, not ${url.hostname}`);
}

const token = requireEnv('MCP_TOKEN');
const reviewContainer = requireEnv('MCP_REVIEW_CONTAINER');
const pageSize = Number(process.env.MCP_LIST_PAGE_SIZE ?? '2');
const longTimeout = { timeout: 120_000 };

let testNumber = 0;
let failures = 0;

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`Bail out! ${name} is not set`);
    process.exit(2);
  }
  return value;
}

function check(condition, description, detail) {
  testNumber++;
  if (condition) {
    console.log(`ok ${testNumber} - ${description}`);
  } else {
    failures++;
    console.log(`not ok ${testNumber} - ${description}`);
    if (detail !== undefined) {
      console.log(`  # ${JSON.stringify(detail)}`);
    }
  }
}

async function expectMcpError(promise, code, description) {
  try {
    const value = await promise;
    check(false, description, { unexpectedResult: value });
  } catch (error) {
    check(error instanceof McpError && error.code === code, description, { code: error?.code, message: error?.message });
  }
}

async function connect(bearer, onElicit) {
  const client = new Client(
    { name: 'durable-mcp-tasks-ts-proof', version: '1.0.0' },
    { capabilities: { elicitation: { form: {} } } });
  if (onElicit) {
    client.setRequestHandler(ElicitRequestSchema, onElicit);
  }
  const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers: { Authorization: `Bearer ${bearer}` } } });
  await client.connect(transport);
  return client;
}

/** Runs a callToolStream to its end; returns every message it yielded. */
async function streamAll(client, params, options) {
  const messages = [];
  for await (const message of client.experimental.tasks.callToolStream(params, undefined, { ...longTimeout, ...options })) {
    messages.push(message);
    if (message.type === 'taskStatus') {
      console.log(`  # ${params.name}: ${message.task.taskId} ${message.task.status}${message.task.statusMessage ? ` (${message.task.statusMessage})` : ''}`);
    }
  }
  return messages;
}

const elicitations = [];
const client = await connect(token, async request => {
  elicitations.push(request);
  // Accept the form with the model's own choice for every field (its default).
  const content = {};
  for (const [field, schema] of Object.entries(request.params.requestedSchema?.properties ?? {})) {
    content[field] = schema.default ?? schema.enum?.[0];
  }
  return { action: 'accept', content };
});

try {
  console.log('TAP version 13');

  // --- Negotiation -------------------------------------------------------------------------------------------
  const capabilities = client.getServerCapabilities();
  check(capabilities?.tasks?.requests?.tools?.call !== undefined, 'initialize advertises tasks.requests.tools.call', capabilities?.tasks);
  check(capabilities?.tasks?.cancel !== undefined, 'initialize advertises tasks.cancel');
  check(capabilities?.tasks?.list !== undefined, 'initialize advertises tasks.list (tasks are bound to the caller)');
  const { tools } = await client.listTools();
  const support = Object.fromEntries(tools.map(t => [t.name, t.execution?.taskSupport]));
  check(tools.every(t => ['forbidden', 'optional', 'required'].includes(t.execution?.taskSupport)), 'tools/list gives every tool execution.taskSupport', support);
  check(support.classify_documents === 'optional' && support.run_steps === 'optional' && support.get_document === 'forbidden', 'durable tools are optional, quick ones forbidden', support);

  // --- 1. A long tool as a task, its status streamed to completion ---------------------------------------------
  const run = await streamAll(client, { name: 'run_steps', arguments: { steps: 4, stepDelayMs: 400 } }, { task: { ttl: 60_000 } });
  const created = run.find(m => m.type === 'taskCreated');
  const statuses = run.filter(m => m.type === 'taskStatus').map(m => m.task.status);
  const result = run.at(-1);
  check(created?.task?.status === 'working' && typeof created.task.taskId === 'string', 'tools/call with a task answers a working task', created);
  check(created?.task?.ttl === 60_000, 'the requested ttl is honoured', created?.task?.ttl);
  check(statuses.includes('working') && statuses.at(-1) === 'completed', 'tasks/get reports working, then completed', statuses);
  check(result?.type === 'result' && result.result.content?.[0]?.text === 'Completed 4 steps.', 'tasks/result returns the tool result', result);
  check(result?.result?._meta?.['io.modelcontextprotocol/related-task']?.taskId === created?.task?.taskId, 'the result carries related-task _meta', result?.result?._meta);

  // --- 2. An elicitation raised inside a task, answered through tasks/result ----------------------------------
  const review = await streamAll(client, {
    name: 'classify_documents',
    arguments: { container: reviewContainer, prefix: 'inbox/', batchSize: 2, reviewBelow: 0.99 },
  }, { task: {} });
  const reviewTask = review.find(m => m.type === 'taskCreated')?.task;
  const reviewResult = review.at(-1);
  check(review.some(m => m.type === 'taskStatus' && m.task.status === 'input_required'), 'the task reports input_required while it waits', review.map(m => m.task?.status ?? m.type));
  check(elicitations.length === 1 && elicitations[0].params.mode !== 'url' && elicitations[0].params.requestedSchema?.type === 'object',
    'tasks/result delivers one elicitation/create form', elicitations.map(e => e.params));
  check(elicitations[0]?.params?._meta?.['io.modelcontextprotocol/related-task']?.taskId === reviewTask?.taskId, 'the elicitation carries related-task _meta', elicitations[0]?.params?._meta);
  check(reviewResult?.type === 'result' && reviewResult.result.structuredContent?.reviewed?.outcome === 'accept',
    'the answer resumes the task, which completes with the review applied', reviewResult?.result?.structuredContent ?? reviewResult);
  const afterReview = await client.experimental.tasks.getTask(reviewTask.taskId);
  check(afterReview.status === 'completed', 'tasks/get shows the reviewed task completed', afterReview);

  // --- 3. Cancel a task ---------------------------------------------------------------------------------------
  let cancelled;
  let cancelledId;
  for await (const message of client.experimental.tasks.callToolStream(
    { name: 'run_steps', arguments: { steps: 100, stepDelayMs: 1000 } }, undefined, { ...longTimeout, task: { ttl: 60_000 } })) {
    if (message.type === 'taskCreated') {
      cancelledId = message.task.taskId;
      cancelled = await client.experimental.tasks.cancelTask(cancelledId);
      break;
    }
  }
  check(cancelled?.status === 'cancelled' && cancelled.taskId === cancelledId, 'tasks/cancel answers the task, already cancelled', cancelled);
  const afterCancel = await client.experimental.tasks.getTask(cancelledId);
  check(afterCancel.status === 'cancelled', 'tasks/get keeps reporting cancelled', afterCancel);
  await expectMcpError(client.experimental.tasks.cancelTask(cancelledId), -32602, 'cancelling a terminal task is -32602');
  await expectMcpError(client.experimental.tasks.getTaskResult(cancelledId), -32004, 'tasks/result of a cancelled task is its JSON-RPC error');

  // --- 4. List the caller's tasks, page by page ---------------------------------------------------------------
  const made = [created.task.taskId, reviewTask.taskId, cancelledId];
  for (let i = made.length; i <= pageSize * 2; i++) {
    const more = await streamAll(client, { name: 'run_steps', arguments: { steps: 1 } }, { task: {} });
    made.push(more.find(m => m.type === 'taskCreated').task.taskId);
  }
  const listed = [];
  let pages = 0;
  let cursor;
  do {
    const page = await client.experimental.tasks.listTasks(cursor);
    pages++;
    listed.push(...page.tasks);
    cursor = page.nextCursor;
  } while (cursor && pages < 100);
  const listedIds = listed.map(t => t.taskId);
  check(pages >= 2, `tasks/list pages (${pages} pages of at most ${pageSize})`, pages);
  check(made.every(id => listedIds.includes(id)), 'every task of the caller is listed once', { made, listedIds });
  check(new Set(listedIds).size === listedIds.length, 'no task is listed twice');
  check(listed.find(t => t.taskId === cancelledId)?.status === 'cancelled', 'listed tasks carry their status');
  await expectMcpError(client.experimental.tasks.listTasks('not-a-cursor'), -32602, 'a bad cursor is -32602');
  await expectMcpError(client.experimental.tasks.getTask('AAAAAAAAAAAAAAAAAAAAAAAAAAA'), -32602, 'an unknown task id is -32602');

  // --- Another caller sees none of it -------------------------------------------------------------------------
  if (process.env.MCP_OTHER_TOKEN) {
    const other = await connect(process.env.MCP_OTHER_TOKEN);
    await expectMcpError(other.experimental.tasks.getTask(created.task.taskId), -32602, "another caller's tasks/get is -32602");
    await expectMcpError(other.experimental.tasks.getTaskResult(created.task.taskId), -32602, "another caller's tasks/result is -32602");
    const theirs = await other.experimental.tasks.listTasks();
    check(theirs.tasks.every(t => !made.includes(t.taskId)), "another caller's tasks/list holds none of them", theirs);
    await other.close();
  }
} catch (error) {
  check(false, `unexpected error: ${error?.stack ?? error}`);
} finally {
  await client.close();
}

console.log(`1..${testNumber}`);
console.log(`# ${testNumber - failures} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
