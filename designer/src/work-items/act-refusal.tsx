/** Why the workflow (or the form's own check) refused an action, shown where the person acted. */
export function ActRefusal({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <p className="error" role="alert" data-testid="act-error">
      {text}
    </p>
  );
}
