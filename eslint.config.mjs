import coreWebVitals from "eslint-config-next/core-web-vitals";
import typescript from "eslint-config-next/typescript";

const config = [
  ...coreWebVitals,
  ...typescript,
  {
    ignores: ["lib/generated/**", ".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Modules depend one way: a cycle (even through a type or a dynamic import) means two
      // modules that are one, or a piece that belongs in a third.
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
];

export default config;
