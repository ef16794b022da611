import { errorCatalog } from '../errors/error-catalog';

/** Idempotent commands (moves, receipts, POs): a key is for one command, and is answered once. */
export const commandErrors = errorCatalog({
  idempotency_key_reused: {
    status: 409,
    en: 'The idempotency key {key} was already used for a different command. Send a new key for a new command.',
    zh: '幂等键 {key} 已用于另一条命令。新命令请使用新的键。',
  },
  command_expired: {
    status: 409,
    en: 'The command with idempotency key {key} was made long ago and its answer is no longer kept, so it is not run again. Check what it did (the order, the PO) and send a new key if something is still to do.',
    zh: '幂等键为 {key} 的命令是很久以前发出的，其结果已不再保存，因此不会再次执行。请检查它做了什么（订单、采购单），如仍有要做的，请用新的键发送。',
  },
});
