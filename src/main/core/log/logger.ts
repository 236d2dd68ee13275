/**
 * One logger for the core, one name per module. Callers pass codes, counts and ids of records, never
 * personal data (names, passport or social security numbers): the log is not encrypted.
 */
export interface Logger {
  info(message: string, detail?: Record<string, string | number | boolean | null>): void;
  warn(message: string, detail?: Record<string, string | number | boolean | null>): void;
  error(message: string, detail?: Record<string, string | number | boolean | null>): void;
}

type Level = 'info' | 'warn' | 'error';
const LEVELS: Record<Level, number> = { info: 0, warn: 1, error: 2 };

let threshold: Level = (process.env.ACW_LOG_LEVEL as Level | undefined) ?? 'info';

export function setLogLevel(level: Level): void {
  threshold = level;
}

export function createLogger(name: string): Logger {
  const write = (level: Level) => (message: string, detail?: Record<string, unknown>) => {
    if (LEVELS[level] < LEVELS[threshold]) return;
    const line = JSON.stringify({ at: new Date().toISOString(), level, module: name, message, ...detail });
    process.stderr.write(`${line}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
