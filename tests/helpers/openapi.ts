import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { expect } from "vitest";

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
  components: { schemas: Record<string, object> };
};

/**
 * Validates a real response against the OpenAPI document: the operation must exist, the status must be
 * documented, and the body must satisfy the documented schema. So the document cannot drift.
 */
export function expectMatchesOpenApi(
  document: unknown,
  method: string,
  pathTemplate: string,
  status: number,
  body: unknown,
) {
  const doc = document as Doc;
  const op = doc.paths[pathTemplate]?.[method.toLowerCase()];
  expect(op, `${method} ${pathTemplate} is documented`).toBeDefined();
  const response = op!.responses[String(status)];
  expect(response, `${method} ${pathTemplate} documents status ${status}`).toBeDefined();
  const schema = response!.content?.["application/json"]?.schema;
  if (!schema) {
    expect(body === undefined || body === null || body === "").toBe(true);
    return;
  }
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "doc", components: doc.components });
  const validate = ajv.compile(
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')),
  );
  const ok = validate(body);
  expect(ok, `${method} ${pathTemplate} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}
