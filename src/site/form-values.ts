/** Form strings as the schemas take them, and what is put back in a refused form. */

/** Blank is "not given". */
export const given = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value

/** A number field: blank is "not given"; anything else goes to the schema to judge. */
export const numberField = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : Number(value)

/** A yes/no field: "true" and "false", anything else to the schema to refuse. */
export const booleanField = (value: string | undefined) =>
  value === 'true' ? true : value === 'false' ? false : value

/** What was typed, to put back in a refused form: never a password, which is typed again. */
export const typedAgain = (form: Record<string, string>) =>
  Object.fromEntries(Object.entries(form).filter(([name]) => !/password/i.test(name)))
