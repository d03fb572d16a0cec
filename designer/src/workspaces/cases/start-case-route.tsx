import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { variablesSchema } from '../../../../definitions/variables';
import { useApi } from '../../api/api-context';
import { caseOperatorUnits } from '../../access/actor';
import { useActor } from '../../app/use-actor';
import { useI18n } from '../../i18n/i18n';
import { missingRequired, problemsByField } from '../../work-items/field-problems';
import { useDefinition } from '../../work-items/use-case-queries';
import { startableTemplates, startUnits } from './startable';
import { VariablesForm, variableValue } from './variables-form';

/**
 * `/cases/new` (立案): the compound, a published template that may run there, the case variables in a form generated
 * from the template's variable schema; submitted with one Idempotency-Key per page, so a double click starts one case.
 * The case page opens at once.
 */
export function Component() {
  const api = useApi();
  const navigate = useNavigate();
  const { t, text, errorText } = useI18n();
  const { actor } = useActor();
  const queryClient = useQueryClient();
  const idempotencyKey = useRef(crypto.randomUUID());
  const units = useQuery({
    queryKey: ['org-units'],
    queryFn: () => api.orgUnits(),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => api.listTemplates() });
  const places = startUnits(units.data?.orgUnits ?? [], caseOperatorUnits(actor));
  const [unit, setUnit] = useState<string>();
  const chosenUnit = unit ?? places.find((place) => place.level === 'compound')?.path;
  const choices = startableTemplates(templates.data?.templates ?? [], chosenUnit);
  const [templateKey, setTemplateKey] = useState<string>();
  const chosen = choices.find((template) => template.key === templateKey) ?? choices[0];
  const definition = useDefinition(chosen?.key, chosen?.latestVersion ?? undefined);
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [problems, setProblems] = useState<Record<string, string[]>>({});

  const start = useMutation({
    mutationFn: (body: Parameters<typeof api.startCase>[0]) => api.startCase(body, idempotencyKey.current),
    onSuccess: async ({ caseId }) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['cases'] }),
        queryClient.invalidateQueries({ queryKey: ['inbox'] }),
      ]);
      await navigate(`/cases/${encodeURIComponent(caseId)}`);
    },
    onError: (error) => setProblems(problemsByField(error)),
  });

  function submit() {
    if (!chosen || !chosenUnit || !definition.data) return;
    const declarations = definition.data.variables;
    const variables: Record<string, unknown> = {};
    for (const declaration of declarations) {
      const value = variableValue(declaration, values[declaration.key]);
      if (value !== undefined) variables[declaration.key] = value;
    }
    const checked = variablesSchema(declarations).safeParse(variables);
    if (!checked.success) {
      setProblems({
        ...problemsByField(checked.error),
        ...missingRequired(declarations, variables, t('act.required')),
      });
      return;
    }
    setProblems({});
    start.mutate({
      templateKey: chosen.key,
      version: chosen.latestVersion ?? undefined,
      orgUnit: chosenUnit,
      variables,
    });
  }

  return (
    <main className="workspace start-page" data-testid="start-page">
      <h1>{t('start.title')}</h1>
      <form
        className="start-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="field">
          <label htmlFor="start-unit">{t('start.unit')}</label>
          <select
            id="start-unit"
            data-testid="start-unit"
            value={chosenUnit ?? ''}
            onChange={(event) => setUnit(event.target.value)}
          >
            {places.map((place) => (
              <option key={place.path} value={place.path}>
                {place.name}（{t(`level.${place.level}`)}）
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="start-template">{t('start.template')}</label>
          <select
            id="start-template"
            data-testid="start-template"
            value={chosen?.key ?? ''}
            onChange={(event) => {
              setTemplateKey(event.target.value);
              setValues({});
              setProblems({});
            }}
          >
            {choices.map((template) => (
              <option key={template.key} value={template.key}>
                {text(template.name)} · {t('home.version', { version: template.latestVersion ?? 0 })}
              </option>
            ))}
          </select>
          {templates.data && choices.length === 0 && <p className="muted">{t('start.no-templates')}</p>}
        </div>
        {definition.data && (
          <fieldset className="start-variables">
            <legend>{t('start.variables')}</legend>
            {definition.data.description && <p className="muted">{text(definition.data.description)}</p>}
            <VariablesForm
              declarations={definition.data.variables}
              values={values}
              problems={problems}
              onChange={(key, value) => {
                setValues((current) => ({ ...current, [key]: value }));
                setProblems(({ [key]: _changed, ...rest }) => rest);
              }}
            />
          </fieldset>
        )}
        {start.error && (
          <p className="error" role="alert" data-testid="start-error">
            {errorText(start.error)}
          </p>
        )}
        <button
          type="submit"
          className="primary"
          data-testid="start-submit"
          disabled={start.isPending || start.isSuccess || !definition.data || !chosenUnit}
        >
          {start.isPending ? t('start.starting') : t('start.submit')}
        </button>
      </form>
    </main>
  );
}
