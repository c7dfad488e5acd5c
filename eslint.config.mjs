import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "build/", "node_modules/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["webpack.config.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", __dirname: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  { rules: { "no-console": ["error", { allow: ["error"] }] } },
  {
    files: ["src/**"],
    rules: {
      // Its first call loads ICU's number formatting (~15 ms of a cold start): countText in src/client/errors.ts.
      "no-restricted-properties": ["error", { property: "toLocaleString", message: "Use countText (src/client/errors.ts): toLocaleString loads ICU on first use." }],
    },
  },
  { files: ["scripts/**", "bench/**"], rules: { "no-console": "off" } },
);
