// Prismatic's standard custom-component build: one CommonJS bundle plus the icon, ready for `prism components:publish`.
// Size and cold-start cuts are measured in `npm run bench` (bench/README.md, "Bundle"); each alias below drops code
// the component never runs, and test/bundle.test.ts checks it stays out while every action still runs from the bundle.
const path = require("path");
const CopyPlugin = require("copy-webpack-plugin");

const spectral = (module) => require.resolve(`@prismatic-io/spectral/dist/${module}`);

module.exports = {
  entry: "./src/index.ts",
  target: "node",
  mode: "production",
  stats: "errors-warnings",
  module: {
    rules: [
      // ES modules out of TypeScript, so webpack drops what is never imported: zod/mini's ES build instead of its
      // CommonJS one (whose index keeps all of zod's core, JSON-schema conversion included), and graphql's .mjs
      // files (its .js ones are CommonJS too) — 0.36 MB of the bundle (npm run bench, "Bundle").
      {
        test: /\.ts$/,
        loader: "ts-loader",
        exclude: /node_modules/,
        options: { onlyCompileBundledFiles: true, compilerOptions: { module: "es2022" } },
        resolve: { extensions: [".ts", ".mjs", ".js"] },
      },
      // yaml reads only the change-order-template input: marked free of side effects, it is evaluated on first use
      // instead of on every cold start.
      { test: /node_modules[\\/]yaml[\\/]/, sideEffects: false },
    ],
  },
  resolve: {
    extensions: [".ts", ".js"],
    alias: {
      // Spectral's root index re-exports its testing harness, which pulls jest-mock and jest-util (and their warning)
      // into the bundle; tests take the harness from node_modules, not from the bundle.
      [spectral("testing")]: false,
      // Code-native integrations only (integration(), its config pages and their zod-to-JSON-schema conversion); a
      // component's perform path calls none of it.
      [spectral("serverTypes/convertIntegration")]: false,
      // axios serves only context.invokeFlow, and date-fns (whole) only spectral's branch-condition helpers: the
      // component calls neither. util.types' date parsing takes its own date-fns submodules, which stay.
      axios: false,
      "date-fns$": false,
      // zod's translations of its messages into 40 languages; every schema in the component carries its own message.
      [require.resolve("zod/v4/locales/index.cjs")]: false,
    },
  },
  output: {
    filename: "index.js",
    path: path.resolve(__dirname, "dist"),
    libraryTarget: "commonjs2",
    clean: true,
  },
  optimization: {
    minimize: true,
    minimizeOptions: {
      javascript: {
        compress: true,
        // Local variables and parameters get short names (a quarter less source for V8 to parse on every cold start),
        // but functions and classes keep theirs, so stack traces in the platform's logs still name
        // DuroClient.request, readBody and friends.
        mangle: true,
        keep_classnames: true,
        keep_fnames: true,
        // Escapes every non-ASCII character, so V8 keeps the source as one byte per character (zod and spectral carry
        // thousands of non-Latin-1 ones, which would double the source's heap).
        format: { ascii_only: true },
      },
    },
  },
  plugins: [new CopyPlugin({ patterns: [{ from: "assets", to: "." }] })],
};
