import { ValidateIf } from 'class-validator';

/** @Transform(trim): surrounding spaces never count toward a length or a match. */
export const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

/** @Transform(trimEach): the same for every string of an array. */
export const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? value.map((item: unknown) => (typeof item === 'string' ? item.trim() : item))
    : value;

/** Validates the field only when present; unlike @IsOptional, null is refused. */
export const Present = () => ValidateIf((_dto: object, value: unknown) => value !== undefined);
