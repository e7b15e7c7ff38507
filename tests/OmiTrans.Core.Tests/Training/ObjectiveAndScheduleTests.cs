using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Core.Tests.Training;

public sealed class ObjectiveAndScheduleTests
{
    [Fact]
    public void The_gradient_penalty_matches_a_hand_computed_value()
    {
        TorchRuntime.EnsureLoaded();
        using var critic = new SquaredNormCritic();
        using var real = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        using var fake = zeros(2, 2);
        using var condition = zeros(2, 3);
        using var mixing = tensor(new float[] { 0.5f, 0.25f }, [2, 1]);

        // Interpolates (0.5, 0) and (0, 0.25); the critic sum(t²) has gradient 2t: norms 1 and 0.5;
        // penalty = mean((1 - 1)², (0.5 - 1)²) = 0.125.
        using var penalty = GradientPenalty.Compute(critic, real, fake, condition, mixing);

        penalty.item<float>().Should().BeApproximately(0.125f, 1e-6f);
    }

    [Fact]
    public void The_gradient_penalty_of_a_linear_critic_is_its_slope_norm_minus_one_squared()
    {
        TorchRuntime.EnsureLoaded();
        using var critic = new LinearCritic([1, 2, 2]);
        using var real = rand(4, 3);
        using var fake = rand(4, 3);
        using var condition = rand(4, 2);
        using var mixing = rand(4, 1);

        using var penalty = GradientPenalty.Compute(critic, real, fake, condition, mixing);

        penalty.item<float>().Should().BeApproximately(4f, 1e-5f, "the slope (1, 2, 2) has norm 3");
    }

    [Fact]
    public void The_linear_schedule_decays_over_the_last_epochs_as_in_the_paper()
    {
        var scheduler = new LearningRateScheduler(new TrainingOptions { Epochs = 10, DecayEpochs = 4 });
        Enumerable.Range(1, 10).Select(scheduler.Factor).Should().Equal([1, 1, 1, 1, 1, 1, 0.8, 0.6, 0.4, 0.2], (a, b) => Math.Abs(a - b) < 1e-12);

        var paper = new LearningRateScheduler(TrainingOptions.Paper);
        paper.Factor(700).Should().Be(1);
        paper.Factor(701).Should().BeApproximately(100.0 / 101, 1e-12);
        paper.Factor(800).Should().BeApproximately(1.0 / 101, 1e-12);
    }

    [Fact]
    public void Step_cosine_and_plateau_schedules()
    {
        var step = new LearningRateScheduler(new TrainingOptions { Schedule = LearningRateSchedule.Step, StepSize = 2, StepGamma = 0.1 });
        new[] { 1, 2, 3, 4, 5 }.Select(step.Factor).Should().Equal([1, 1, 0.1, 0.1, 0.01], (a, b) => Math.Abs(a - b) < 1e-12);

        var cosine = new LearningRateScheduler(new TrainingOptions { Schedule = LearningRateSchedule.Cosine, Epochs = 10 });
        cosine.Factor(1).Should().Be(1);
        cosine.Factor(6).Should().BeApproximately(0.5, 1e-12);

        var plateau = new LearningRateScheduler(new TrainingOptions { Schedule = LearningRateSchedule.ReduceOnPlateau, PlateauPatience = 2, PlateauFactor = 0.2 });
        foreach (var loss in new[] { 1.0, 0.5, 0.5, 0.5 })
        {
            plateau.Observe(loss);
        }

        plateau.Factor(5).Should().Be(1, "two epochs without improvement are within the patience");
        plateau.Observe(0.5);
        plateau.Factor(6).Should().BeApproximately(0.2, 1e-12);
    }

    [Theory]
    [InlineData(WeightInitialization.Normal, 0.02)]
    [InlineData(WeightInitialization.Xavier, 1.0)]
    [InlineData(WeightInitialization.Kaiming, 1.0)]
    public void Initialisations_have_the_documented_spread(WeightInitialization kind, double gain)
    {
        TorchRuntime.EnsureLoaded();
        using var layer = nn.Linear(400, 300);
        using var random = new Generator(1, CPU);

        WeightInitializer.Apply(layer, kind, gain, leakySlope: 0.2, random);

        double expected = kind switch
        {
            WeightInitialization.Normal => 0.02,
            WeightInitialization.Xavier => Math.Sqrt(2.0 / 700),
            _ => Math.Sqrt(2.0 / 1.04) / Math.Sqrt(400),
        };
        layer.weight!.std().item<float>().Should().BeApproximately((float)expected, (float)(expected * 0.03));
        layer.bias!.abs().max().item<float>().Should().Be(0);
    }

    [Fact]
    public void Orthogonal_initialisation_gives_orthonormal_rows_scaled_by_the_gain()
    {
        TorchRuntime.EnsureLoaded();
        using var layer = nn.Linear(50, 20);
        using var random = new Generator(1, CPU);

        WeightInitializer.Apply(layer, WeightInitialization.Orthogonal, 2.0, 0.2, random);

        using var gram = layer.weight!.matmul(layer.weight.t());
        using var expected = eye(20).mul(HeldScalars.Constant(4));
        gram.allclose(expected, rtol: 1e-4, atol: 1e-4).Should().BeTrue();
    }

    private sealed class SquaredNormCritic : nn.Module<Tensor, Tensor, Tensor>
    {
        public SquaredNormCritic()
            : base(nameof(SquaredNormCritic))
        {
        }

        public override Tensor forward(Tensor target, Tensor source) => target.Squared().sum(1, keepdim: true);
    }

    private sealed class LinearCritic : nn.Module<Tensor, Tensor, Tensor>
    {
        private readonly Tensor _slope;

        public LinearCritic(float[] slope)
            : base(nameof(LinearCritic))
        {
            _slope = tensor(slope);
        }

        public override Tensor forward(Tensor target, Tensor source) => target.matmul(_slope).unsqueeze(1).Plus(source.sum(1, keepdim: true));

        protected override void Dispose(bool disposing)
        {
            _slope.Dispose();
            base.Dispose(disposing);
        }
    }
}
