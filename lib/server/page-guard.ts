import { forbidden, notFound } from "next/navigation";
import { AppError } from "./errors";

/**
 * Runs a page's read: a missing (or hidden) item becomes the 404 page and a refused
 * permission the "not allowed" page with a 403, instead of a generic error.
 */
export async function guard<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
}
