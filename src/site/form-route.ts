import { DomainError } from '../kernel/errors.ts'

type Answer = Response | Promise<Response>

/**
 * What every page form does with its action: done, it answers `done` (most often a 303 back to the
 * page); refused with one of `shown` (by default 422, what was typed will not do), it answers `refused`,
 * which shows the form again with the reason under the refusal's own status and nothing changed. Any
 * other error goes on to the error page, so a form never hides a fault behind "try again".
 */
export async function submitForm<T>(
  run: () => Promise<T>,
  answers: { done: (result: T) => Answer; refused: (error: DomainError) => Answer },
  shown: readonly number[] = [422],
): Promise<Response> {
  let result: T
  try {
    result = await run()
  } catch (error) {
    if (error instanceof DomainError && shown.includes(error.status)) return answers.refused(error)
    throw error
  }
  return answers.done(result)
}
