using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MessageSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Messages",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            // Messages whose text predates this column: fold what SQLite can (A to Z); new writes fold every alphabet.
            migrationBuilder.Sql("UPDATE \"Messages\" SET \"SearchText\" = upper(\"Content\");");

            // A trigram index over the folded text: substring (so prefix) matching in any script, kept in step with
            // Messages by triggers, so inserts, edits and deletes reach the index in the same transaction.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "MessagesFts" USING fts5("SearchText", content='Messages', content_rowid='Id', tokenize='trigram');
                INSERT INTO "MessagesFts"(rowid, "SearchText") SELECT "Id", "SearchText" FROM "Messages";
                CREATE TRIGGER "Messages_fts_insert" AFTER INSERT ON "Messages" BEGIN
                    INSERT INTO "MessagesFts"(rowid, "SearchText") VALUES (new."Id", new."SearchText");
                END;
                CREATE TRIGGER "Messages_fts_delete" AFTER DELETE ON "Messages" BEGIN
                    INSERT INTO "MessagesFts"("MessagesFts", rowid, "SearchText") VALUES ('delete', old."Id", old."SearchText");
                END;
                CREATE TRIGGER "Messages_fts_update" AFTER UPDATE OF "SearchText" ON "Messages" BEGIN
                    INSERT INTO "MessagesFts"("MessagesFts", rowid, "SearchText") VALUES ('delete', old."Id", old."SearchText");
                    INSERT INTO "MessagesFts"(rowid, "SearchText") VALUES (new."Id", new."SearchText");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "Messages_fts_insert";
                DROP TRIGGER IF EXISTS "Messages_fts_delete";
                DROP TRIGGER IF EXISTS "Messages_fts_update";
                DROP TABLE IF EXISTS "MessagesFts";
                """);

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Messages");
        }
    }
}
