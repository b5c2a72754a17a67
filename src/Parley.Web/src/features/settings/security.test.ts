// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { ApiError, type ProblemDetails } from "../../api/problem";
import i18n from "../../i18n";
import { changePasswordErrors, deleteAccountErrors, ownedServers, validatePasswordForm } from "./security";

const en = i18n.getFixedT("en");
const ru = i18n.getFixedT("ru");
const form = (currentPassword: string, newPassword: string, confirmPassword = newPassword) => ({ currentPassword, newPassword, confirmPassword });

describe("validatePasswordForm", () => {
  it("accepts a filled, matching form with a new password that keeps the rules", () => {
    expect(validatePasswordForm(form("old secret words", "a brand new passphrase"), "anna", en)).toEqual({});
  });

  it("names each field that needs attention", () => {
    expect(validatePasswordForm(form("", ""), "anna", en)).toEqual({
      currentPassword: ["Enter your current password."],
      newPassword: ["Enter a new password."],
    });
    expect(Object.keys(validatePasswordForm(form("old secret words", "short"), "anna", en))).toEqual(["newPassword"]);
    expect(validatePasswordForm(form("old secret words", "annaanna1", "annaanna1"), "annaanna1", en).newPassword).toEqual([
      "Different from your username",
    ]);
    expect(validatePasswordForm(form("same old words", "same old words"), "anna", en).newPassword).toEqual([
      "The new password must be different from the current one.",
    ]);
    expect(validatePasswordForm(form("old secret words", "a brand new passphrase", "a brand new passfrase"), "anna", en)).toEqual({
      confirmPassword: ["The passwords don't match."],
    });
  });

  it("speaks the UI language", () => {
    expect(validatePasswordForm(form("", "x y z w v u"), "anna", ru).currentPassword).toEqual(["Введите текущий пароль."]);
  });
});

describe("changePasswordErrors", () => {
  it("puts a wrong current password on its field, in the UI language", () => {
    const error = new ApiError(400, { status: 400, title: "One or more validation errors occurred.", errors: { currentPassword: ["The current password is wrong."] } });
    expect(changePasswordErrors(error, ru)).toEqual({ fields: { currentPassword: ["Текущий пароль неверный."] }, general: [] });
  });

  it("keeps the server's words for a refused new password", () => {
    const error = new ApiError(400, { status: 400, errors: { newPassword: ["The password must be at most 128 characters."] } });
    expect(changePasswordErrors(error, en)).toEqual({ fields: { newPassword: ["The password must be at most 128 characters."] }, general: [] });
  });

  it("turns anything else into one general sentence", () => {
    expect(changePasswordErrors(new ApiError(429, { status: 429, title: "Too many attempts." }, 30), en).general).toHaveLength(1);
    expect(changePasswordErrors(new ApiError(0, null), en)).toEqual({ fields: {}, general: [en("errors.network")] });
  });
});

describe("deleteAccountErrors", () => {
  it("names the servers still owned", () => {
    const error = new ApiError(409, {
      status: 409,
      title: "Transfer or delete your servers first.",
      servers: [
        { id: "1", name: "Chess club" },
        { id: "2", name: "Book club" },
      ],
    } as ProblemDetails);
    expect(ownedServers(error)).toEqual([
      { id: "1", name: "Chess club" },
      { id: "2", name: "Book club" },
    ]);
    expect(deleteAccountErrors(error, en)).toEqual({
      fields: {},
      general: ["You own these servers: Chess club, Book club. Hand each one to another member or delete it first."],
    });
  });

  it("puts a wrong password on the password field", () => {
    const error = new ApiError(400, { status: 400, errors: { password: ["The password is wrong."] } });
    expect(deleteAccountErrors(error, en)).toEqual({ fields: { password: ["Wrong password."] }, general: [] });
    expect(ownedServers(error)).toBeNull();
  });
});
