import { Fragment } from 'react';
import { squareMetres } from './ballot-text';

/** Where a sentence's unit list goes: pass it as the `{units}` value of the catalogue message. */
export const unitsSlot = '\u0000';

/**
 * A catalogue sentence with its `{units}` filled by the parts, each kept on one line (`3-2-301（89.50 m²）` must not
 * break at its hyphens or before `m²` on a narrow phone).
 */
export function UnitsInSentence({
  sentence,
  units,
}: {
  sentence: string;
  units: readonly (string | { unit: string; area: string })[];
}) {
  const [before = '', after = ''] = sentence.split(unitsSlot);
  return (
    <>
      {before}
      {units.map((unit, index) => (
        <Fragment key={typeof unit === 'string' ? unit : unit.unit}>
          {index > 0 && '、'}
          <span className="ballot-unit">
            {typeof unit === 'string' ? unit : `${unit.unit}（${squareMetres(unit.area)}）`}
          </span>
        </Fragment>
      ))}
      {after}
    </>
  );
}
