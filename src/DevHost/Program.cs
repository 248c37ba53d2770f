using SignupEmail.DevHost;

return args switch
{
    ["kafka", .. var rest] => await KafkaOnlyMode.RunAsync(rest, Console.Out, Console.Error),
    ["-h" or "--help" or "help"] => Usage.Print(Console.Out, exitCode: 0),
    _ => Usage.Print(Console.Error, exitCode: 2),
};
