import type { Metadata, Viewport } from "next";
import { DemoBanner } from "@/components/ui/demo-banner";
import { connection } from "next/server";
import { dirFor } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  description: "Emergency financial support from your council",
  robots: { index: false },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0b0c0c" };

// Every page renders per request: each carries a fresh CSP nonce, and most show personal data.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  const locale = await getLocale();
  return (
    <html lang={locale} dir={dirFor(locale)}>
      <body className="flex min-h-screen flex-col">
        <DemoBanner />
        {children}
      </body>
    </html>
  );
}
