/** A setting the server cannot use; its message names the setting. */
export class ConfigError extends Error {}
