import { z } from 'zod';

/** One contract method: its argument schema at runtime; its result type carried only as a type. */
export interface MethodSpec<A extends z.ZodType, R> {
  args: A;
  result?: R;
}

/** `method<Result>()(argsSchema)`: curried so the result type is explicit and the schema inferred. */
export function method<R>() {
  return <A extends z.ZodType>(args: A): MethodSpec<A, R> => ({ args });
}

export const NoArgs = z.object({}).strict();
