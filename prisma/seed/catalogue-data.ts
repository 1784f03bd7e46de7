// The demo organisation's shape: teams, APIs with their scopes, and human job roles.
import type { AccessLevel } from "@/lib/generated/prisma/enums";

export const TEAMS = [
  "Payments",
  "Identity & Access",
  "Data Platform",
  "Customer Experience",
  "Partner Integrations",
  "Security Operations",
  "AI Platform",
  "Finance Systems",
] as const;

type ApiSeed = { name: string; team: (typeof TEAMS)[number]; resources: string[]; description: string };

// Each resource yields scopes `<resource>:read`, `<resource>:write`, and sometimes `<resource>:admin`.
export const API_SEEDS: ApiSeed[] = [
  { name: "Payments API", team: "Payments", resources: ["payments", "refunds", "payouts"], description: "Card and bank payments, refunds and payouts." },
  { name: "Ledger API", team: "Finance Systems", resources: ["ledger", "journals"], description: "General ledger postings and balances." },
  { name: "Invoices API", team: "Finance Systems", resources: ["invoices", "credit-notes"], description: "Customer invoices and credit notes." },
  {
    name: "Customer Profile API",
    team: "Customer Experience",
    resources: ["profiles", "preferences", "consents"],
    description: "Customer master data, preferences and consents.",
  },
  { name: "Orders API", team: "Customer Experience", resources: ["orders", "returns"], description: "Order lifecycle and returns." },
  { name: "Support Tickets API", team: "Customer Experience", resources: ["tickets", "macros"], description: "Customer support tickets." },
  { name: "Identity Directory API", team: "Identity & Access", resources: ["users", "groups"], description: "Workforce directory: users and groups." },
  { name: "Token Service API", team: "Identity & Access", resources: ["clients", "tokens"], description: "OAuth client registry and token introspection." },
  { name: "Audit Events API", team: "Security Operations", resources: ["events"], description: "Security event stream." },
  { name: "Secrets API", team: "Security Operations", resources: ["secrets", "keys"], description: "Secret storage and key management." },
  { name: "Data Warehouse API", team: "Data Platform", resources: ["datasets", "queries", "exports"], description: "Governed access to warehouse datasets." },
  { name: "Feature Store API", team: "Data Platform", resources: ["features", "embeddings"], description: "ML features and vector embeddings." },
  { name: "Model Gateway API", team: "AI Platform", resources: ["completions", "models"], description: "Routing to hosted language models." },
  { name: "Agent Tools API", team: "AI Platform", resources: ["tools", "memories"], description: "Tool registry and memory store for AI agents." },
  { name: "Partner Catalog API", team: "Partner Integrations", resources: ["products", "prices"], description: "Product catalogue exposed to partners." },
  {
    name: "Partner Fulfilment API",
    team: "Partner Integrations",
    resources: ["shipments", "stock"],
    description: "Shipments and stock levels with logistics partners.",
  },
  { name: "Fraud Signals API", team: "Payments", resources: ["signals", "rules"], description: "Fraud scores and rules." },
  { name: "Notifications API", team: "Customer Experience", resources: ["messages", "templates"], description: "Email, SMS and push notifications." },
  { name: "HR Records API", team: "Identity & Access", resources: ["employees", "compensation"], description: "Employee records and compensation." },
  { name: "Payroll API", team: "Finance Systems", resources: ["payroll", "payslips"], description: "Payroll runs and payslips." },
  { name: "Pricing Engine API", team: "Partner Integrations", resources: ["quotes", "discounts"], description: "Quotes and discount rules." },
  { name: "Document Store API", team: "Data Platform", resources: ["documents", "shares"], description: "Contracts and shared documents." },
  { name: "Observability API", team: "Security Operations", resources: ["metrics", "traces"], description: "Metrics and traces." },
  { name: "Search API", team: "Data Platform", resources: ["indexes", "search"], description: "Enterprise search." },
];

export const JOB_ROLES: { name: string; description: string; team: (typeof TEAMS)[number]; baseline: string[] }[] = [
  {
    name: "Payments analyst",
    team: "Payments",
    description: "Investigates payments and issues refunds.",
    baseline: ["payments:read", "refunds:read", "refunds:write", "signals:read"],
  },
  {
    name: "Support agent",
    team: "Customer Experience",
    description: "Answers customer tickets.",
    baseline: ["tickets:read", "tickets:write", "profiles:read", "orders:read", "macros:read"],
  },
  {
    name: "Financial controller",
    team: "Finance Systems",
    description: "Books journals and reviews invoices.",
    baseline: ["ledger:read", "journals:read", "journals:write", "invoices:read"],
  },
  {
    name: "Data analyst",
    team: "Data Platform",
    description: "Queries governed datasets.",
    baseline: ["datasets:read", "queries:read", "queries:write", "search:read"],
  },
  { name: "HR partner", team: "Identity & Access", description: "Maintains employee records.", baseline: ["employees:read", "employees:write", "users:read"] },
  { name: "Security analyst", team: "Security Operations", description: "Triages security events.", baseline: ["events:read", "metrics:read", "traces:read"] },
  {
    name: "Partner manager",
    team: "Partner Integrations",
    description: "Maintains partner catalogue and pricing.",
    baseline: ["products:read", "products:write", "prices:read", "quotes:read"],
  },
  {
    name: "Fulfilment coordinator",
    team: "Partner Integrations",
    description: "Tracks shipments and stock.",
    baseline: ["shipments:read", "shipments:write", "stock:read"],
  },
  {
    name: "Marketing specialist",
    team: "Customer Experience",
    description: "Sends campaigns to consenting customers.",
    baseline: ["messages:write", "templates:read", "consents:read"],
  },
  {
    name: "ML engineer",
    team: "AI Platform",
    description: "Builds and evaluates models.",
    baseline: ["features:read", "embeddings:read", "completions:write", "models:read"],
  },
];

export function levelOf(scopeName: string): AccessLevel {
  if (scopeName.endsWith(":admin")) return "ADMIN";
  if (scopeName.endsWith(":write")) return "WRITE";
  return "READ";
}

export const FIRST_NAMES = [
  "Ada",
  "Ben",
  "Chen",
  "Dara",
  "Elif",
  "Femi",
  "Greta",
  "Hiro",
  "Ines",
  "Jonas",
  "Kemi",
  "Liam",
  "Maya",
  "Nils",
  "Olga",
  "Priya",
  "Quinn",
  "Rosa",
  "Sami",
  "Tara",
  "Umar",
  "Vera",
  "Wen",
  "Xavi",
  "Yara",
  "Zoe",
];
export const LAST_NAMES = [
  "Okafor",
  "Lindqvist",
  "Tanaka",
  "Moreau",
  "Kowalski",
  "Haddad",
  "Silva",
  "Novak",
  "Reyes",
  "Fischer",
  "Ahmed",
  "Berg",
  "Costa",
  "Dubois",
  "Ek",
  "Horvat",
];
export const PARTNERS = [
  "Northwind Logistics",
  "Contoso Retail",
  "Fabrikam Finance",
  "Globex Shipping",
  "Initech Payroll",
  "Umbrella Insurance",
  "Tailspin Travel",
  "Wingtip Marketplace",
];
export const AGENT_PROVIDERS = [
  ["Anthropic", "claude-sonnet"],
  ["OpenAI", "gpt-class"],
  ["Google", "gemini-class"],
  ["In-house", "fine-tuned-llama"],
] as const;
