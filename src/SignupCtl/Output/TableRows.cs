using Spectre.Console;
using Spectre.Console.Rendering;

namespace SignupEmail.SignupCtl.Output;

/// <summary>Rows of plain text: values from a node are never read as Spectre markup.</summary>
internal static class TableRows
{
    public static Table AddPlainRow(this Table table, params string?[] cells) =>
        table.AddRow(cells.Select(IRenderable (cell) => new Text(cell ?? "-")));

    public static Table Plain(params string[] columns)
    {
        var table = new Table();
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column)));
        }

        return table;
    }

    /// <summary>A two-column table of name/value pairs.</summary>
    public static Table Properties(IEnumerable<(string Name, string? Value)> properties)
    {
        var table = Plain("Property", "Value");
        foreach (var (name, value) in properties)
        {
            table.AddPlainRow(name, value);
        }

        return table;
    }

    public static string YesNo(bool value) => value ? "yes" : "no";
}
