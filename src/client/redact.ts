export const REDACTED = "[REDACTED]";

// Header and variable names that carry credentials, whatever their value.
const SECRET_NAME = /(api[-_]?key|api[-_]?token|token|secret|password|authorization|cookie|signature)/i;

export const isSecretName = (name: string): boolean => SECRET_NAME.test(name);

/** The text values held under secret-looking names anywhere in `value` (e.g. a webhook's signingSecret variable). */
export const secretValues = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(secretValues);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => (isSecretName(key) && typeof item === "string" ? [item] : secretValues(item)));
};

/**
 * Removes secrets from anything about to be logged or shown: values under secret-looking names, and every
 * occurrence of a known secret value (the API key) wherever it appears, e.g. echoed back in a server message.
 */
export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: Array<string | undefined>) {
    // Longest first, so a secret that contains another is removed whole.
    this.secrets = secrets.filter((secret): secret is string => Boolean(secret)).sort((a, b) => b.length - a.length);
  }

  /** This redactor, also removing `more` (secrets known only for one request). */
  with(more: string[]): Redactor {
    return more.length ? new Redactor([...this.secrets, ...more]) : this;
  }

  text(value: string): string {
    return this.secrets.reduce((text, secret) => text.split(secret).join(REDACTED), value);
  }

  value(value: unknown): unknown {
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.value(item));
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, isSecretName(key) ? REDACTED : this.value(item)]),
      );
    }
    return value;
  }
}
