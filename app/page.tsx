import { redirect } from "next/navigation";

export default function Home() {
  // Each person's own work first; /work sends those without a queue on to the overview.
  redirect("/work");
}
