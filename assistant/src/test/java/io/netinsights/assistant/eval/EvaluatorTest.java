package io.netinsights.assistant.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped evaluation set, offline: at least 90 % execution accuracy. */
class EvaluatorTest {

    @Test
    void shippedSetReachesNinetyPercentOffline() {
        List<Question> questions = QuestionSet.shipped();
        assertThat(questions).hasSizeGreaterThanOrEqualTo(40);
        EvalReport report =
                Evaluator.offline(TrafficGenerator.standard()).evaluate(questions, r -> {});
        System.out.println(report.table());
        assertThat(report.executionAccuracy()).as(report.table()).isGreaterThanOrEqualTo(0.9);
        assertThat(report.parseRate()).isEqualTo(1.0);
    }
}
