using Microsoft.Extensions.Logging;

namespace OmiTrans.Core.Tests.Training;

/// <summary>A pipeline that only has a logger sees a fit advance epoch by epoch and learns which model was kept.</summary>
[Collection(TrainingCollection.Name)]
public sealed class LoggingTests
{
    [Fact]
    public void The_logger_gets_an_event_per_epoch_and_the_selection()
    {
        var (source, target) = Matrices.Planted(samples: 60, sourceFeatures: 10, targetFeatures: 4, seed: 4);
        var logger = new ListLogger();
        var translator = new TranslatorBuilder()
            .WithoutCrossValidation() // the validation-split path
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [8] })
            .WithTraining(o => o with { Epochs = 3, Seed = 4 })
            .WithLogger(logger)
            .Build();

        using var model = translator.Fit(source, target);

        logger.Messages.Where(m => m.Contains("epoch ", StringComparison.Ordinal)).Should().HaveCount(3)
            .And.Contain(m => m.Contains("epoch 3/3", StringComparison.Ordinal) && m.Contains("validation R²f", StringComparison.Ordinal));
        logger.Messages.Should().Contain(m => m.Contains(model.Selection!.Reason, StringComparison.Ordinal), "the logger hears which model was kept and why");
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
