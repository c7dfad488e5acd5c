// Properties of the input cleaners and of the custom endpoint check, over generated input (fast-check): each one
// returns a clean value or throws an invalid-input DuroError naming its input — never anything else, never a value
// that breaks its own rule.
import fc from "fast-check";
import { DuroError } from "../src/client/errors";
import { parseCustomEndpoint } from "../src/connections/endpoint";
import { cleanBoolean, cleanChoice, cleanContextValue, cleanId, cleanJsonObject, cleanOptionalText, cleanOrderBy, cleanRequiredText, cleanWholeNumber, MAX_CODE_LENGTH, MAX_TEXT_LENGTH } from "../src/inputs/cleaners";

/** Runs `clean`; a throw must be an invalid-input DuroError for `key`, and then counts as refused. */
const outcome = <T>(key: string, clean: () => T): { value: T } | "refused" => {
  try {
    return { value: clean() };
  } catch (error) {
    expect(error).toBeInstanceOf(DuroError);
    expect(error).toMatchObject({ kind: "invalid-input", input: key });
    return "refused";
  }
};

// Any UTF-16 code unit, lone surrogates and control characters included, plus whole code points.
const anyText = fc.string({ unit: fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })) });
const anyValue = fc.oneof(anyText, fc.anything(), fc.double(), fc.integer());
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BROKEN = /\p{Cs}|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;
/** Well-formed UTF-16 (so valid UTF-8 on the wire) with no control characters but tab and line breaks. */
const isCleanText = (text: string) => !BROKEN.test(text);

describe("cleanWholeNumber", () => {
  const clean = cleanWholeNumber("first", 1, 100);

  it("accepts every whole number in range, typed or as the platform's text", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.constantFrom("", " ", "+", " +"), (n, prefix) => {
        expect(clean(n)).toBe(n);
        expect(clean(`${prefix}${n} `)).toBe(n);
      }),
    );
  });

  it("refuses every whole number out of range", () => {
    fc.assert(fc.property(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 101 })), (n) => expect(outcome("first", () => clean(String(n)))).toBe("refused")));
  });

  it("refuses every number that is not whole, and every value that is not a number or digits", () => {
    fc.assert(fc.property(fc.double().filter((n) => !Number.isInteger(n)), (n) => expect(outcome("first", () => clean(n))).toBe("refused")));
    fc.assert(
      fc.property(anyValue, (value) => {
        const result = outcome("first", () => clean(value));
        if (result === "refused") return;
        expect(Number.isInteger(result.value) && result.value >= 1 && result.value <= 100).toBe(true);
        if (typeof value === "string") expect(value).toMatch(/^\s*[+-]?\d+\s*$/);
      }),
    );
  });
});

describe("cleanBoolean", () => {
  it("gives a boolean or refuses, for any value", () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const result = outcome("fetchAll", () => cleanBoolean("fetchAll")(value));
        if (result !== "refused") expect(typeof result.value).toBe("boolean");
      }),
    );
  });

  it("reads the platform's words in any case and spacing", () => {
    const TRUE_WORDS = ["true", "yes", "y", "t"];
    const word = fc.constantFrom(...TRUE_WORDS, "false", "no", "n", "f");
    fc.assert(
      fc.property(word.chain((chosen) => fc.tuple(fc.constant(chosen), fc.mixedCase(fc.constant(chosen)))), fc.boolean(), ([chosen, cased], padded) => {
        expect(cleanBoolean("fetchAll")(padded ? ` ${cased}\t` : cased)).toBe(TRUE_WORDS.includes(chosen));
      }),
    );
  });
});

describe("text cleaners", () => {
  it("cleanRequiredText gives trimmed, non-blank, well-formed text within the limit, or refuses", () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const result = outcome("name", () => cleanRequiredText("name", "The name")(value));
        if (result === "refused") return;
        expect(result.value).toBe(result.value.trim());
        expect(result.value.length).toBeGreaterThan(0);
        expect(result.value.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
        expect(isCleanText(result.value)).toBe(true);
      }),
    );
  });

  it("cleanRequiredText keeps any ordinary text as it is (trimmed)", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", minLength: 1 }).filter((text) => text.trim() !== ""), (text) => expect(cleanRequiredText("name", "The name")(text)).toBe(text.trim())));
  });

  it("cleanOptionalText gives undefined or clean text, or refuses", () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const result = outcome("description", () => cleanOptionalText("description")(value));
        if (result !== "refused" && result.value !== undefined) expect(isCleanText(result.value) && result.value === result.value.trim()).toBe(true);
      }),
    );
  });

  it("cleanId gives only ID characters, or refuses", () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, fc.uuid(), fc.stringMatching(/^[a-f0-9]{24}$/)), (value) => {
        const result = outcome("componentId", () => cleanId("componentId", "The component ID")(value));
        if (result !== "refused") expect(result.value).toMatch(/^[A-Za-z0-9._:~+/=-]{1,256}$/);
      }),
    );
    fc.assert(fc.property(fc.uuid(), (uuid) => expect(cleanId("componentId", "The component ID")(uuid)).toBe(uuid)));
  });

  it("cleanContextValue gives header-safe text (visible ASCII), or refuses", () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const result = outcome("library", () => cleanContextValue("library")(value));
        if (result !== "refused" && result.value !== undefined) expect(result.value).toMatch(/^[\x21-\x7E]+$/);
      }),
    );
  });

  it("cleanChoice gives one of the allowed values, or refuses", () => {
    const allowed = ["ECO", "MCO", "DCO"] as const;
    fc.assert(
      fc.property(fc.oneof(anyValue, fc.constantFrom(...allowed)), (value) => {
        const result = outcome("type", () => cleanChoice("type", [...allowed] as ["ECO", "MCO", "DCO"])(value));
        if (result !== "refused") expect(allowed).toContain(result.value);
      }),
    );
  });
});

describe("JSON cleaners", () => {
  const cleanObject = cleanJsonObject("variablesObject");

  it("cleanJsonObject gives back any JSON object it is given as text", () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => expect(cleanObject(JSON.stringify(object))).toEqual(JSON.parse(JSON.stringify(object)))));
  });

  it("cleanJsonObject gives an object or undefined, or refuses; a syntax error names its line and column", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.json()), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        try {
          const result = cleanObject(text);
          expect(result === undefined || (typeof result === "object" && !Array.isArray(result))).toBe(true);
        } catch (error) {
          expect(error).toMatchObject({ kind: "invalid-input", input: "variablesObject" });
          if (!parses && text.trim() !== "" && text.length <= MAX_CODE_LENGTH && isCleanText(text)) {
            expect((error as Error).message).toMatch(/at line \d+, column \d+/);
          }
        }
      }),
    );
  });

  it("cleanOrderBy gives a list of one-field items set to asc or desc, or refuses", () => {
    const clean = cleanOrderBy("orderBy", ["con", "name", "lastModified"] as const);
    const item = fc.dictionary(fc.constantFrom("con", "name", "lastModified", "id", "__typename"), fc.constantFrom("asc", "desc", "up", 1), { minKeys: 0, maxKeys: 2 });
    fc.assert(
      fc.property(fc.oneof(fc.array(item).map((items) => JSON.stringify(items)), anyText), (text) => {
        const result = outcome("orderBy", () => clean(text));
        if (result === "refused" || result.value === undefined) return;
        for (const entry of result.value) {
          expect(Object.keys(entry)).toHaveLength(1);
          expect(["con", "name", "lastModified"]).toContain(Object.keys(entry)[0]);
          expect(["asc", "desc"]).toContain(Object.values(entry)[0]);
        }
      }),
    );
  });
});

describe("parseCustomEndpoint", () => {
  it("gives an https URL, or http to this machine, never with credentials or a secret in its query — or refuses", () => {
    const urls = fc.oneof(
      fc.webUrl({ validSchemes: ["http", "https", "ftp", "file", "javascript"], withQueryParameters: true, authoritySettings: { withUserInfo: true, withIPv4: true, withPort: true } }),
      fc.webUrl().map((url) => url.replace(/^https?:\/\/[^/]+/, "http://127.0.0.1")),
      anyText,
    );
    fc.assert(
      fc.property(urls, (raw) => {
        const result = outcome("customDuroEnvironment", () => parseCustomEndpoint(raw));
        if (result === "refused") return;
        const url = new URL(result.value);
        expect(url.protocol === "https:" || (url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname))).toBe(true);
        expect(url.username + url.password).toBe("");
        expect(url.hostname).not.toBe("");
        expect([...url.searchParams.keys()].filter((name) => /key|token|secret|password/i.test(name))).toEqual([]);
      }),
    );
  });

  it("refuses every URL with a user name or password", () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ["https"], authoritySettings: { withUserInfo: true } }).filter((raw) => {
        const url = new URL(raw);
        return url.username !== "" || url.password !== "";
      }), (raw) => expect(outcome("customDuroEnvironment", () => parseCustomEndpoint(raw))).toBe("refused")),
    );
  });

  it("keeps every plain https URL", () => {
    fc.assert(fc.property(fc.webUrl({ validSchemes: ["https"] }), (raw) => expect(parseCustomEndpoint(raw)).toBe(new URL(raw).toString())));
  });
});
