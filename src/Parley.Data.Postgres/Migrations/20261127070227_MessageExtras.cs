using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MessageExtras : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Extras",
                table: "Messages",
                type: "integer",
                maxLength: 16,
                nullable: false,
                defaultValue: 0);

            // Backfill: each bit from the rows already there (MessageExtras: Reactions 1, Mentions 2, RoleMentions 4,
            // Attachments 8, Poll 16). Plain SQL, the same on SQLite and PostgreSQL; no table rebuild, so the SQLite
            // full-text triggers (on SearchText only) stay as they are.
            migrationBuilder.Sql("""
                UPDATE "Messages" SET "Extras" = "Extras" | 1 WHERE "Id" IN (SELECT "MessageId" FROM "Reactions");
                UPDATE "Messages" SET "Extras" = "Extras" | 2 WHERE "Id" IN (SELECT "MessageId" FROM "Mentions");
                UPDATE "Messages" SET "Extras" = "Extras" | 4 WHERE "Id" IN (SELECT "MessageId" FROM "RoleMentions");
                UPDATE "Messages" SET "Extras" = "Extras" | 8 WHERE "Id" IN (SELECT "MessageId" FROM "Attachments" WHERE "MessageId" IS NOT NULL);
                UPDATE "Messages" SET "Extras" = "Extras" | 16 WHERE "Id" IN (SELECT "MessageId" FROM "Polls");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Extras",
                table: "Messages");
        }
    }
}
