/**
 * Statement pipelines working on a transaction's connection (statement-pipeline.ts). When the transaction's work
 * throws, inTransaction stops them and waits for what they run before it writes ROLLBACK: a statement queued before
 * the failure must never start after the ROLLBACK, where it would run, and commit, outside any transaction.
 */
type Stoppable = { stop(error: unknown): Promise<unknown> };

const running = new WeakMap<object, Set<Stoppable>>();

export function registerPipeline(client: object, pipeline: Stoppable): void {
  const set = running.get(client) ?? new Set<Stoppable>();
  set.add(pipeline);
  running.set(client, set);
}

/**
 * Stops the pipelines of `client` (nothing queued starts any more) and waits for what they run. Answers the failure
 * to report: `error`, or what a pipeline knows caused it.
 */
export async function stopPipelines(client: object, error: unknown): Promise<unknown> {
  let reported = error;
  for (const pipeline of running.get(client) ?? []) reported = await pipeline.stop(reported);
  return reported;
}

/** The transaction is over: its pooled connection starts the next one with none. */
export function forgetPipelines(client: object): void {
  running.delete(client);
}
