import type { Request } from 'express';
import type { z } from 'zod';
import type { Role } from '../../domain/access/roles';
import type { Principal } from '../access/principal';

/** One API operation: its shapes (validation + OpenAPI) and its handler, declared together. */
export type Route<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType> = {
  method: 'get' | 'post' | 'delete';
  path: string;
  summary: string;
  /** 'member': any member of the workspace; a role list: at least one of them (admin always passes). */
  access: 'member' | readonly Role[];
  body?: B;
  query?: Q;
  params?: P;
  response: z.ZodType;
  /** What a success is sent as when not JSON (a file: the handler answers a FileReply). */
  contentType?: string;
  status?: number;
  handler: (input: {
    principal: Principal;
    body: z.infer<B>;
    query: z.infer<Q>;
    params: z.infer<P>;
    req: Request;
  }) => Promise<unknown>;
};

/** Keeps each route's generic types while collecting routes into one list. */
export function route<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(r: Route<B, Q, P>): Route {
  return r as unknown as Route;
}
