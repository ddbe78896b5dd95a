/**
 * Every Redis key mjq writes. One hash tag (`{prefix}`) for all of them and for BullMQ's
 * prefix, so that the Lua scripts and BullMQ keep working on Redis Cluster.
 */
export function redisKeys(prefix: string) {
  const tag = `{${prefix}}`;
  return {
    /** BullMQ `prefix` option: queues live under the same hash tag. */
    bullPrefix: tag,
    task: (id: string) => `${tag}:task:${id}`,
    /** A finished task, compacted: its hash as deflated JSON (compact-task-3.lua). */
    finishedTask: (id: string) => `${tag}:done:${id}`,
    taskSeq: () => `${tag}:task-seq`,
    tasksBySubmitTime: () => `${tag}:tasks:by-time`,
    messageToTask: (messageId: string) => `${tag}:msg:${messageId}`,
    nonceToTask: (nonce: string) => `${tag}:nonce:${nonce}`,
    /** Discord interaction id → task: results carry `interaction_metadata.id`, not the nonce. */
    interactionToTask: (interactionId: string) => `${tag}:interaction:${interactionId}`,
    /** Tasks created to click a button on this message (correlation fallback by reference). */
    messageChildren: (messageId: string) => `${tag}:msg-children:${messageId}`,
    /** Bytes and content type of one stored image (uploads and copied results). */
    image: (key: string) => `${tag}:image:${key}`,
    /**
     * Tasks stored SUCCESS whose result files are still being copied into the image store, scored
     * by when the copying listener's lease runs out (result-copies.ts).
     */
    resultCopies: () => `${tag}:result-copies`,
    unmatchedCount: () => `${tag}:stats:unmatched`,
    accounts: () => `${tag}:accounts`,
    accountTokens: () => `${tag}:account-tokens`,
    slots: (accountId: string) => `${tag}:slots:${accountId}`,
    /** Tasks admitted for this account (it may run them) and not yet claimed for sending (admission). */
    waiting: (accountId: string) => `${tag}:waiting:${accountId}`,
    /**
     * Evidence that an interaction reached Discord: its INTERACTION_CREATE/SUCCESS or a Midjourney
     * message echoing its nonce was seen (an ambiguous send is resent only without it).
     */
    interactionLanded: (nonce: string) => `${tag}:landed:${nonce}`,
    /** Trigger jobs parked until a slot of this account frees (job id, scored by parking time). */
    slotWaiters: (accountId: string) => `${tag}:slot-waiters:${accountId}`,
    /** Pub/sub channel: an account id is published whenever one of its slots is freed. */
    slotFreed: () => `${tag}:slot-freed`,
    /** Pub/sub channel: the topic (change-feed.ts) of shared records just changed. */
    changes: () => `${tag}:changes`,
    /** Live user-gateway session ids of the account (member session id, score lease expiry). */
    accountSessions: (accountId: string) => `${tag}:account-sessions:${accountId}`,
    /** Exists (with a TTL) until the account's next interaction may go: the human pacing between two. */
    accountPacing: (accountId: string) => `${tag}:pacing:${accountId}`,
    /** A gracefully stopped listener's resumable user-gateway session of the account (2 minutes). */
    gatewayHandoff: (accountId: string) => `${tag}:gateway-handoff:${accountId}`,
    accountPause: (accountId: string) => `${tag}:pause:${accountId}`,
    sendWindow: (accountId: string, second: number) => `${tag}:send-rate:${accountId}:${second}`,
    deadlines: () => `${tag}:deadlines`,
    bannedWords: () => `${tag}:banned-words`,
    bannedWordsVersion: () => `${tag}:banned-words:version`,
    /** Stream of the task's snapshots, one entry per applied change (SSE, callback ordering). */
    taskEvents: (id: string) => `${tag}:task-events:${id}`,
    /**
     * Applied changes whose callback is not recorded yet (`<taskId>:<revision>`, scored by time):
     * written in the store's Lua with the change, cleared when the callback joins the task's pending ones.
     */
    callbackOutbox: () => `${tag}:callback-outbox`,
    /** A task's callbacks not settled yet: revision → entry JSON, plus `_done` (callback-queue.ts). */
    callbacks: (taskId: string) => `${tag}:callbacks:${taskId}`,
    /** Who delivers a task's callbacks now (one at a time keeps them in order): a token, with a lease. */
    callbackLease: (taskId: string) => `${tag}:callback-lease:${taskId}`,
    /** Tasks with pending callbacks, scored by when somebody should look at them if their deliverer did not. */
    callbackDue: () => `${tag}:callback-due`,
    /** API keys made through the admin API: id → JSON record (name, limits, sha256, revokedAt). */
    apiKeys: () => `${tag}:api-keys`,
    /** sha256 (hex) of an API key → its id: a presented key is found by its hash, never stored in clear. */
    apiKeyHashes: () => `${tag}:api-key-hashes`,
    /** Tasks created by one API key (score: submit time): its listings. Entries of expired tasks are skipped. */
    ownerTasks: (owner: string) => `${tag}:owner-tasks:${owner}`,
    /** Tasks of one API key that may still be running (its concurrency limit); terminal ones are pruned lazily. */
    ownerRunning: (owner: string) => `${tag}:owner-running:${owner}`,
    /** Requests of one API key in one second (its rate limit), expiring. */
    keyRate: (owner: string, second: number) => `${tag}:key-rate:${owner}:${second}`,
    /** Tasks created by one API key on one UTC day (its daily limit), expiring. */
    keyDaily: (owner: string, day: string) => `${tag}:key-daily:${owner}:${day}`,
    /** One account command in flight (/info, /settings, /fast…): a hash, expiring (account-commands.ts). */
    accountCommand: (id: string) => `${tag}:account-cmd:${id}`,
    /** The nonce of an account command's interaction → the request. */
    accountCommandNonce: (nonce: string) => `${tag}:account-cmd-nonce:${nonce}`,
    /** A Midjourney message answering an account command (its edits, a /settings click's update) → the request. */
    accountCommandMessage: (messageId: string) => `${tag}:account-cmd-msg:${messageId}`,
    /** What mjq last saw of each account on Midjourney: account id → JSON (/info, /settings, mode). */
    accountObserved: () => `${tag}:account-observed`,
    /** Exists while this account's periodic /info is claimed for the current period. */
    accountInfoDue: (accountId: string) => `${tag}:account-info-due:${accountId}`,
  };
}
export type RedisKeys = ReturnType<typeof redisKeys>;
