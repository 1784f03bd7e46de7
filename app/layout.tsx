import type { Metadata } from "next";
import localFont from "next/font/local";
import "./globals.css";
import { Providers } from "./providers";

// Served from the package, never fetched from the internet at build or run time. "optional":
// text is painted once, in Inter when it is already there (preloaded, then cached) and in the
// size-matched fallback otherwise, instead of being painted again when the font arrives, which
// on a slow phone made the page's largest text paint two seconds late.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "optional",
});

export const metadata: Metadata = {
  title: { default: "Scopeward", template: "%s · Scopeward" },
  description: "API-access governance: catalogue, access reviews, requests and risk.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
