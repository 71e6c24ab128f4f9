export type { EnvFileResult } from './env-file';
export { envFileFlag, loadEnvFile } from './env-file';
export type { LogLevel } from './log-level';
export { LOG_LEVELS, parseLogLevel } from './log-level';
export { boolean, integer, oneOf, secondsAsMs, text } from './parsers';
export type { Env, RawFlags, SettingSource, SettingSpec, SettingSpecs } from './resolve-settings';
export { describeSetting, resolveSetting, resolveSettings } from './resolve-settings';
export { SettingError } from './setting-error';
export { addEnvFileOption, addStandardOptions } from './standard-options';
