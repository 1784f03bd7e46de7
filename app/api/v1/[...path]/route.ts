import { unknownPath } from "@/lib/api/methods";

// Any path the API does not have, whatever the method: a problem document, not the HTML 404 page.
export const GET = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const PATCH = unknownPath;
export const DELETE = unknownPath;
