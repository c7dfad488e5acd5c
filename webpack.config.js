// Prismatic's standard custom-component build: one CommonJS bundle plus the icon, ready for `prism components:publish`.
const path = require("path");
const CopyPlugin = require("copy-webpack-plugin");

module.exports = {
  entry: "./src/index.ts",
  target: "node",
  mode: "production",
  module: {
    rules: [{ test: /\.ts$/, loader: "ts-loader", exclude: /node_modules/, options: { onlyCompileBundledFiles: true } }],
  },
  resolve: { extensions: [".ts", ".js"] },
  output: {
    filename: "index.js",
    path: path.resolve(__dirname, "dist"),
    libraryTarget: "commonjs2",
    clean: true,
  },
  optimization: { minimize: false },
  plugins: [new CopyPlugin({ patterns: [{ from: "assets", to: "." }] })],
};
