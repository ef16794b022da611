import { errorCatalog } from '../errors/error-catalog';

/** Pushes and pulls that cannot be answered as asked. */
export const syncErrors = errorCatalog({
  cursor_ahead: {
    status: 409,
    en: 'The cursor {since} is ahead of this workspace ({upTo}): it belongs to another server or workspace. Pull again from 0.',
    zh: '游标 {since} 超过了此工作区的进度（{upTo}）：它属于另一台服务器或另一个工作区。请从 0 重新拉取。',
  },
  mutation_reused: {
    status: 409,
    en: 'Mutation {mutation} of client {client} was already used for a different push. Send new changes with a new mutation id.',
    zh: '客户端 {client} 的变更编号 {mutation} 已用于另一次推送。请用新的变更编号发送新的修改。',
  },
});
