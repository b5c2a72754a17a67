import { describe, expect, it } from "vitest";
import { ApiError, isProblemDetails, mapProblemToFields, normalizeFieldKey, parseRetryAfter } from "./problem";

describe("normalizeFieldKey", () => {
  it("maps the key spellings ASP.NET Core uses to the form's field names", () => {
    expect(normalizeFieldKey("username")).toBe("username");
    expect(normalizeFieldKey("Username")).toBe("username");
    expect(normalizeFieldKey("$.username")).toBe("username");
    expect(normalizeFieldKey("request.Password")).toBe("password");
    expect(normalizeFieldKey("DisplayName")).toBe("displayName");
    expect(normalizeFieldKey("Notifications.Enabled")).toBe("notifications.enabled");
  });
});

describe("mapProblemToFields", () => {
  const fields = ["username", "password", "email", "displayName"] as const;

  it("puts each message under its field", () => {
    const mapped = mapProblemToFields(
      {
        status: 400,
        errors: {
          Username: ["Username is taken."],
          password: ["Too short.", "Must not equal the username."],
          displayName: ["Too long."],
        },
      },
      fields,
    );
    expect(mapped.fields).toEqual({
      username: ["Username is taken."],
      password: ["Too short.", "Must not equal the username."],
      displayName: ["Too long."],
    });
    expect(mapped.general).toEqual([]);
  });

  it("sends keys the form does not have to the general list", () => {
    const mapped = mapProblemToFields({ errors: { "": ["Body is invalid."], captcha: ["Wrong."], email: ["Bad email."] } }, fields);
    expect(mapped.fields).toEqual({ email: ["Bad email."] });
    expect(mapped.general).toEqual(["Body is invalid.", "Wrong."]);
  });

  it("accepts a single string instead of an array and skips empty messages", () => {
    const mapped = mapProblemToFields({ errors: { username: "Bad.", password: [""] } }, fields);
    expect(mapped.fields).toEqual({ username: ["Bad."] });
  });

  it("merges keys that name the same field", () => {
    const mapped = mapProblemToFields({ errors: { username: ["A"], "$.Username": ["B"] } }, fields);
    expect(mapped.fields.username).toEqual(["A", "B"]);
  });

  it("returns nothing for a problem without errors", () => {
    expect(mapProblemToFields({ status: 401, title: "Unauthorized" }, fields)).toEqual({ fields: {}, general: [] });
    expect(mapProblemToFields(null, fields)).toEqual({ fields: {}, general: [] });
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("30")).toBe(30);
    const now = new Date("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:01:00 GMT", now)).toBe(60);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});

describe("isProblemDetails / ApiError", () => {
  it("recognises problem bodies", () => {
    expect(isProblemDetails({ type: "x", title: "Bad", status: 400 })).toBe(true);
    expect(isProblemDetails({ id: "1", username: "anna" })).toBe(false);
    expect(isProblemDetails([])).toBe(false);
    expect(isProblemDetails(null)).toBe(false);
  });

  it("carries status, problem and retry-after", () => {
    const err = new ApiError(429, { title: "Too many requests", status: 429 }, 12);
    expect(err.status).toBe(429);
    expect(err.retryAfter).toBe(12);
    expect(err.message).toBe("Too many requests");
    expect(err).toBeInstanceOf(Error);
  });
});
