import { registerDecorator, type ValidationOptions } from 'class-validator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CHOICES = 200;

/**
 * `[{candidateId | projectId, mark}]`, checked in one pass. A cast is the busiest request of a
 * session, and nested DTO classes cost it a class instance and a validation run per choice;
 * the marks themselves are checked against the ballot by the service.
 */
function isChoiceList(value: unknown): boolean {
  if (!Array.isArray(value) || value.length > MAX_CHOICES) {
    return false;
  }
  return value.every((choice: unknown) => {
    if (typeof choice !== 'object' || choice === null || Array.isArray(choice)) {
      return false;
    }
    const { candidateId, projectId, mark, ...rest } = choice as Record<string, unknown>;
    const item = candidateId ?? projectId;
    return (
      Object.keys(rest).length === 0 &&
      (candidateId === undefined) !== (projectId === undefined) &&
      typeof item === 'string' &&
      UUID.test(item) &&
      typeof mark === 'string' &&
      mark.length >= 1 &&
      mark.length <= 30
    );
  });
}

export function IsChoiceList(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isChoiceList',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message:
          'choices 须为 [{candidateId 或 projectId (UUID), mark}]，最多 200 项 / choices must be [{candidateId or projectId (a UUID), mark}], at most 200',
        ...options,
      },
      validator: { validate: isChoiceList },
    });
  };
}
