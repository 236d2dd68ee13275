/** Wrong usage: the command line says so and exits 2. */
export class UsageError extends Error {}

/** Runs an argument parser, turning its complaint into a UsageError (which names the option). */
export function asUsage<R>(parse: () => R): R {
  try {
    return parse();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
