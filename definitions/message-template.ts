/** `{{variable}}` placeholders in notification messages. */
const placeholder = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The variable names a message template refers to. */
export function templateVariables(template: string): string[] {
  return [...template.matchAll(placeholder)].map((match) => match[1]!);
}

/** Fills placeholders with case variable values; an unset variable renders as an empty string. */
export function renderTemplate(template: string, values: Record<string, unknown>): string {
  return template.replace(placeholder, (_, name: string) => {
    const value = values[name];
    return value === undefined || value === null ? '' : String(value);
  });
}
