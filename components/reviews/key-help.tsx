import { QUEUE_KEYS } from "./use-queue-keys";

/** The queue's keys, as the `?` key shows them. */
export function KeyHelp() {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Keyboard shortcuts</caption>
      <tbody>
        {QUEUE_KEYS.map((k) => (
          <tr key={k.keys} className="border-t border-slate-100">
            <th scope="row" className="py-1 pr-3 text-left font-mono whitespace-nowrap">
              {k.keys}
            </th>
            <td className="py-1">{k.does}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
