export const REDACTED = "[REDACTED]";

// Header and variable names that carry credentials, whatever their value. `auth` only as a whole word or at the end
// (auth, x-auth, basicAuth), so author and authority stay readable.
const SECRET_NAME = /(api[-_]?key|api[-_]?token|token|secret|password|passwd|pwd|private[-_]?key|credential|authorization|cookie|signature|auth(?:$|[-_]))/i;

// A webhook's signing secret: Duro may return it (its docs show it on findOne); no output of the connector carries it.
const SIGNING_SECRET_NAME = /^signing[-_]?secret$/i;

/** Any run of a secret this long, in any letter case, is removed wherever it appears (a server may echo part of it). */
export const REDACTED_RUN = 12;
// A secret value shorter than this (a short variable under a secret-looking name) is redacted by its name only:
// searching text for it would mangle every message.
const MIN_SEARCHED_SECRET = 8;

export const isSecretName = (name: string): boolean => SECRET_NAME.test(name);

/** The text values held under secret-looking names anywhere in `value` (e.g. a webhook's signingSecret variable). */
export const secretValues = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(secretValues);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => (isSecretName(key) && typeof item === "string" ? [item] : secretValues(item)));
};

/** Lower-cases ASCII letters only, so every index in the result is the same character's index in `text`. */
const asciiLower = (text: string): string => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

/**
 * Removes `signingSecret` fields, at any depth, from an answer Duro sent (freshly parsed, so changed in place);
 * iterative, so a deeply nested answer cannot overflow the stack.
 */
export const stripSigningSecrets = (answer: unknown): void => {
  const pending: unknown[] = [answer];
  while (pending.length) {
    const item = pending.pop();
    if (typeof item !== "object" || item === null) continue;
    const record = item as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      // The length first: an answer of thousands of keys has none of this one's 13 or 14 characters.
      if ((key.length === 13 || key.length === 14) && SIGNING_SECRET_NAME.test(key)) delete record[key];
      else pending.push(record[key]);
    }
  }
};

/**
 * Removes secrets from anything about to be logged or shown: values under secret-looking names, and every run of
 * at least REDACTED_RUN characters of a known secret (the API key), in any letter case, wherever it appears, e.g.
 * echoed back whole, lower-cased or cut in a server message.
 */
export class Redactor {
  private readonly secrets: string[];
  /** Run length → every run of that length of every secret, lower-cased. */
  private readonly runs = new Map<number, Set<string>>();

  constructor(secrets: Array<string | undefined>) {
    this.secrets = secrets.filter((secret): secret is string => typeof secret === "string" && secret.length >= MIN_SEARCHED_SECRET);
    for (const secret of this.secrets) {
      const length = Math.min(REDACTED_RUN, secret.length);
      const runs = this.runs.get(length) ?? new Set<string>();
      const lower = asciiLower(secret);
      for (let start = 0; start + length <= lower.length; start += 1) runs.add(lower.slice(start, start + length));
      this.runs.set(length, runs);
    }
  }

  /** This redactor, also removing `more` (secrets known only for one request). */
  with(more: string[]): Redactor {
    return more.length ? new Redactor([...this.secrets, ...more]) : this;
  }

  /** `value` with every character covered by a secret's run replaced; adjacent or overlapping runs become one [REDACTED]. */
  text(value: string): string {
    if (this.runs.size === 0) return value;
    const lower = asciiLower(value);
    const covered = new Uint8Array(value.length);
    let found = false;
    for (const [length, runs] of this.runs) {
      for (let start = 0; start + length <= lower.length; start += 1) {
        if (runs.has(lower.slice(start, start + length))) {
          covered.fill(1, start, start + length);
          found = true;
        }
      }
    }
    if (!found) return value;
    let result = "";
    for (let index = 0; index < value.length; index += 1) {
      if (!covered[index]) result += value[index];
      else if (index === 0 || !covered[index - 1]) result += REDACTED;
    }
    return result;
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
