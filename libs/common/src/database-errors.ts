/** The name of the constraint a failed statement violated, if it was a unique violation. */
export function violatedUniqueConstraint(error: unknown): string | null {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })
    .driverError;
  return driverError?.code === '23505' ? (driverError.constraint ?? '') : null;
}
