using SignupEmail.DevHost;

return args switch
{
    ["kafka", .. var rest] => await KafkaOnlyMode.RunAsync(rest, Console.Out, Console.Error),
    ["-h" or "--help" or "help"] => Usage.Print(Console.Out, exitCode: 0),
    [] or [['-', '-', ..], ..] => await AllInOneMode.RunAsync(args, Console.Out, Console.Error),
    _ => Usage.Print(Console.Error, exitCode: 2),
};
