// Prismatic's standard custom-component build: one CommonJS bundle plus the icon, ready for `prism components:publish`.
const path = require("path");
const CopyPlugin = require("copy-webpack-plugin");

module.exports = {
  entry: "./src/index.ts",
  target: "node",
  mode: "production",
  stats: "errors-warnings",
  module: {
    rules: [{ test: /\.ts$/, loader: "ts-loader", exclude: /node_modules/, options: { onlyCompileBundledFiles: true } }],
  },
  resolve: {
    extensions: [".ts", ".js"],
    // Spectral's root index re-exports its testing harness, which pulls jest-mock and jest-util (and their warning)
    // into the bundle. The component never uses it at run time, so it becomes an empty module; tests take the harness
    // from node_modules, not from the bundle.
    alias: { [require.resolve("@prismatic-io/spectral/dist/testing")]: false },
  },
  output: {
    filename: "index.js",
    path: path.resolve(__dirname, "dist"),
    libraryTarget: "commonjs2",
    clean: true,
  },
  optimization: { minimize: true, minimizeOptions: { javascript: { compress: true, mangle: false, keep_classnames: true, keep_fnames: true } } },
  plugins: [new CopyPlugin({ patterns: [{ from: "assets", to: "." }] })],
};
