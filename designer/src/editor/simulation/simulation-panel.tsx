import { useState } from 'react';
import { checkCaseStart } from '../../../../definitions/engine';
import type { ProcessDefinition } from '../../../../definitions/schema';
import { useI18n } from '../../i18n/i18n';
import { formatDeadline } from '../inspector/fields/format-deadline';
import { jumpTarget } from './clock-step';
import { simulatedActions } from './simulated-actions';
import {
  actChecked,
  completeTask,
  jumpClock,
  nextTimerAt,
  setVariables,
  startSimulation,
  type Simulation,
} from './simulator';
import { StepLog } from './step-log';
import { VariablesEditor } from './variables-editor';

/**
 * The simulator: start a case of the current draft in the browser, pick outcomes at open tasks, edit variables,
 * jump the clock to fire SLA timers, and follow the path on the canvas and in the step log.
 */
export function SimulationPanel({
  definition,
  blocked,
  defaultOrgUnit,
  simulation,
  onSimulation,
}: {
  definition: ProcessDefinition;
  /** True while the draft has errors: the interpreter only runs valid definitions. */
  blocked: boolean;
  defaultOrgUnit: string;
  simulation: Simulation | undefined;
  onSimulation(simulation: Simulation | undefined): void;
}) {
  const { t, text, message, language } = useI18n();
  const [orgUnit, setOrgUnit] = useState(defaultOrgUnit);
  const [variables, setStartVariables] = useState<Record<string, unknown>>({});
  const [jumpBy, setJumpBy] = useState('P1D');
  const [problem, setProblem] = useState<string>();

  function start() {
    setProblem(undefined);
    const checked = checkCaseStart(definition, orgUnit, variables);
    if (checked.issues.length > 0 || !checked.variables) {
      return setProblem(checked.issues.map((found) => message(found.message)).join('；'));
    }
    try {
      onSimulation(startSimulation(definition, orgUnit, checked.variables, Date.now()));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  const outdated = simulation && simulation.context.definition !== definition;
  const next = simulation && nextTimerAt(simulation);
  const jump = (target: number | undefined) => {
    if (simulation && target !== undefined) onSimulation(jumpClock(simulation, target));
  };

  return (
    <section className="simulation-panel" aria-label={t('simulation.title')} data-testid="simulation-panel">
      <h3>{t('simulation.title')}</h3>
      <p className="muted hint">{t('simulation.hint')}</p>
      <label>
        {t('simulation.org-unit')}
        <input value={orgUnit} onChange={(event) => setOrgUnit(event.target.value)} data-testid="sim-org-unit" />
      </label>
      <h4>{t('simulation.variables')}</h4>
      <VariablesEditor
        declarations={definition.variables}
        values={simulation ? simulation.state.variables : variables}
        onChange={(values) => (simulation ? onSimulation(setVariables(simulation, values)) : setStartVariables(values))}
      />
      <div className="row">
        <button type="button" className="primary" disabled={blocked} onClick={start} data-testid="sim-start">
          {simulation ? t('simulation.restart') : t('simulation.start')}
        </button>
        {simulation && (
          <button type="button" onClick={() => onSimulation(undefined)} data-testid="sim-stop">
            {t('simulation.stop')}
          </button>
        )}
      </div>
      {blocked && <p className="muted">{t('simulation.blocked')}</p>}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {outdated && <p className="notice">{t('simulation.outdated')}</p>}
      {simulation && (
        <>
          <p data-testid="sim-status">
            {t(`simulation.status.${simulation.state.status}`)}
            {simulation.state.outcome && ` · ${text(simulation.state.outcome.label)}`}
            {simulation.state.overdue && ` · ${t('simulation.overdue')}`}
          </p>
          <p className="muted">
            {t('simulation.clock', {
              when: formatDeadline(new Date(simulation.now).toISOString(), language, Date.now()),
            })}
          </p>
          <ul className="open-tasks">
            {Object.values(simulation.state.workItems).map((task) => (
              <li key={task.id} data-testid={`sim-task-${task.nodeId}`}>
                <strong>{text(task.title)}</strong> <span className="muted">{task.assigneeRole}</span>
                {task.deadline && (
                  <span className={task.overdue ? 'error' : 'muted'}>
                    {' '}
                    {t('simulation.due', { when: formatDeadline(task.deadline, language, simulation.now) })}
                  </span>
                )}
                <div className="row">
                  {task.kind !== 'task' &&
                    simulatedActions(task, Object.values(simulation.state.workItems), simulation.context.orgUnit, {
                      node: simulation.context.graph.nodes.get(task.nodeId),
                      now: simulation.now,
                    }).map((choice) => (
                      <button
                        type="button"
                        key={`${choice.action}-${choice.variant ?? ''}`}
                        data-testid={`sim-action-${task.id}-${choice.action}${choice.variant ? `-${choice.variant}` : ''}`}
                        onClick={() => {
                          const next = actChecked(simulation, task.id, choice.action, choice.input);
                          if ('code' in next) setProblem(message(next.message));
                          else {
                            setProblem(undefined);
                            onSimulation(next);
                          }
                        }}
                      >
                        {choice.text ? text(choice.text) : t(choice.label)}
                      </button>
                    ))}
                  {task.kind === 'task' &&
                    task.outcomes.map((outcome) => (
                      <button
                        type="button"
                        key={outcome.key}
                        data-testid={`sim-outcome-${task.nodeId}-${outcome.key}`}
                        onClick={() => onSimulation(completeTask(simulation, task.id, outcome.key))}
                      >
                        {text(outcome.label)}
                      </button>
                    ))}
                </div>
              </li>
            ))}
          </ul>
          <div className="row clock-controls">
            <button type="button" disabled={next === undefined} onClick={() => jump(next)} data-testid="sim-next-timer">
              {t('simulation.next-timer')}
            </button>
            <input
              aria-label={t('simulation.jump-by')}
              value={jumpBy}
              onChange={(event) => setJumpBy(event.target.value)}
              className="short"
            />
            <button
              type="button"
              disabled={jumpTarget(simulation.now, jumpBy) === undefined}
              onClick={() => jump(jumpTarget(simulation.now, jumpBy))}
              data-testid="sim-jump"
            >
              {t('simulation.jump')}
            </button>
          </div>
          <StepLog simulation={simulation} />
        </>
      )}
    </section>
  );
}
