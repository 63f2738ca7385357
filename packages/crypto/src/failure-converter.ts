// Failures (an activity's error, a workflow's) are kept in Temporal's history too, and their
// messages can quote what a secret was near (a clone's URL, a build's output). With
// encodeCommonAttributes, a failure's message and stack trace travel as a payload, which the
// payload codec seals like every other; the history shows "Encoded failure" in their place.
// A module of its own: Temporal loads it by path (FAILURE_CONVERTER_PATH), into the workflow sandbox too.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
