/** A configuration problem found at boot; the message names the environment and the field. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
