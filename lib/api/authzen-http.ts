// What the console's AuthZEN routes and the decision point's listener share: body limits and
// the PEP's request id, which AuthZEN asks a PDP to return.
export const AUTHZEN_MAX_BYTES = { evaluation: 64 * 1024, evaluations: 1_000_000 } as const;

export function requestIdHeader(value: string | string[] | null | undefined): Record<string, string> {
  const id = Array.isArray(value) ? value[0] : value;
  return id ? { "X-Request-ID": id.slice(0, 200) } : {};
}

export function withRequestId(request: Request, response: Response): Response {
  for (const [name, value] of Object.entries(requestIdHeader(request.headers.get("x-request-id")))) response.headers.set(name, value);
  return response;
}
